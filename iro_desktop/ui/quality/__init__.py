"""Issue 19: family group decision-making, alerts and RAG ratings, and the feedback questionnaire."""

"""The meeting workspace: the conference in meeting order, with its clocks and quoracy always in view."""

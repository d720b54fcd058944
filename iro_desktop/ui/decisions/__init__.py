"""Decisions for each child and the child protection plan: panel, plan builder, models, commands."""

"""Booking and preparing conferences: forms with inline validation, attendance, quoracy, clocks."""

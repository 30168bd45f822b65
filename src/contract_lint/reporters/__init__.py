"""Reporters turn results into what a person or a machine reads."""

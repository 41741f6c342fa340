"""Figure builders: pure DataFrame -> plotly Figure functions sharing one theme."""

"""Rules shared by the command line and the browser: job titles to SOC, remote/hybrid/on-site, a user file's rows."""

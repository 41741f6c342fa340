"""Drive the running app in a real Chromium: shared by the browser tests and the benchmarks."""

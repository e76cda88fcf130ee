"""mini4d benchmarks: 4D programs with Python twins, start-up, parse throughput, memory."""

"""Where repositories come from: registries, GitHub, local folders and git URLs."""

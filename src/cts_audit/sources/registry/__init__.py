"""Where projects are registered: the organisers' YAML file, the Jekyll site, form exports."""

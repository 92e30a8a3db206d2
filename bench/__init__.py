"""`make bench`: figures beside their baselines, measured in the same run."""

"""AI prioritisation: TF-IDF features, the relevance model, stopping rules, simulation."""

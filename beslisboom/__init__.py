"""Turn a decision tree written in Markdown and YAML into an offline website."""

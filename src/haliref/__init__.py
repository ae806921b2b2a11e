"""haliref (public API wired once the stages land)."""

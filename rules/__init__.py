"""Rule files and the concept dictionary, shipped as package data (nothing here runs)."""

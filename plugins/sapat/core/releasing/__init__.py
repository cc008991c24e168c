"""Releasing: approving, freezing and mending editions, their manifests, and comparing two versions."""

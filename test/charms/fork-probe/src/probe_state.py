"""A module of the charm itself: imported once per process, so its counter reads 1 in every hook."""
counter = 0

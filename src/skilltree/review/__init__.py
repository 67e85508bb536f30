"""Pure domain of the daily loop: review cards scheduled by FSRS, the due queue, memory figures and study plans."""

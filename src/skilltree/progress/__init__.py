"""Pure domain of learner progress: statuses, events, path progress, next-up, activity."""

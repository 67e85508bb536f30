"""Teams: roles, what each role may do, invites and the rule that a team always keeps an owner."""

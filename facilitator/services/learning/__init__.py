"""Learning between events: the weekly pulse and its trends, learning-call notes, small
experiments, private diaries, insights at four levels, looking back and starting again.

question_set.py reads the built-in pulse questions in resources/learning/."""

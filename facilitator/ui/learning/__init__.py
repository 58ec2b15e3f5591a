"""The Learning area: pulse, learning calls, experiments, diaries, insights, looking back."""

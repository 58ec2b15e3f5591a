"""Session plans: events, sessions, timed agenda items, templates, attendance and calendars.

timing.py is the clock arithmetic (no database); plan_view.py an event's plan as plain data;
form_values.py the times and minutes typed in forms; deletes.py deletes with undo."""

"""Key dates: load calendar/dates.yaml, build .ics feeds, render calendar pages."""

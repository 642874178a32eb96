"""The working-day calendar in the app: holiday schedules loaded by administrators, the deadline calculator.

`service` gives the other areas `working_calendar()` and `deadline_settings()` for the pure engine
(`casebook.deadlines`); `calculator` turns a deadline request (API body or calculator form) into the engine's
facts and its result into the answer; `operations` loads, replaces and deletes a year's schedule.
"""

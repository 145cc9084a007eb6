"""TrustHabits: daily servant-leadership habits for managers, weekly trust pulses for teams."""

//! One request at a time, spaced by NCBI's limit, for every topic of an update; and waits that a test can
//! run on a fake clock.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Time as the limiter and the retries see it.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
    fn sleep(&self, duration: Duration);
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// Spaces requests at least `interval` apart: the first goes at once, each later one waits for its turn.
pub struct RateLimiter {
    interval: Duration,
    next_turn: Mutex<Option<Instant>>,
}

/// Long waits are slept in slices this short, so cancelling an update never waits for them.
const CANCEL_CHECK: Duration = Duration::from_millis(100);

impl RateLimiter {
    pub fn new(interval: Duration) -> RateLimiter {
        RateLimiter { interval, next_turn: Mutex::new(None) }
    }

    /// Waits until a request may go, and books the next turn. False when cancelled while waiting.
    pub fn wait_turn(&self, clock: &dyn Clock, cancel: &AtomicBool) -> bool {
        let mut next_turn = self.next_turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = clock.now();
        if let Some(turn) = *next_turn
            && turn > now
            && !sleep_unless_cancelled(clock, turn - now, cancel)
        {
            return false;
        }
        *next_turn = Some(clock.now() + self.interval);
        true
    }
}

/// Sleeps for `duration` unless `cancel` is set first; false when it was.
pub fn sleep_unless_cancelled(clock: &dyn Clock, duration: Duration, cancel: &AtomicBool) -> bool {
    let end = clock.now() + duration;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let now = clock.now();
        if now >= end {
            return true;
        }
        clock.sleep((end - now).min(CANCEL_CHECK));
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Time that passes only when someone sleeps; every sleep is recorded.
    pub struct FakeClock {
        start: Instant,
        elapsed: Mutex<Duration>,
        pub sleeps: Mutex<Vec<Duration>>,
    }

    impl Default for FakeClock {
        fn default() -> FakeClock {
            FakeClock { start: Instant::now(), elapsed: Mutex::new(Duration::ZERO), sleeps: Mutex::new(Vec::new()) }
        }
    }

    impl FakeClock {
        pub fn advance(&self, duration: Duration) {
            *self.elapsed.lock().unwrap() += duration;
        }

        pub fn elapsed(&self) -> Duration {
            *self.elapsed.lock().unwrap()
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> Instant {
            self.start + self.elapsed()
        }

        fn sleep(&self, duration: Duration) {
            self.sleeps.lock().unwrap().push(duration);
            self.advance(duration);
        }
    }

    #[test]
    fn requests_are_spaced_by_the_interval_and_idle_time_counts() {
        let clock = FakeClock::default();
        let cancel = AtomicBool::new(false);
        let limiter = RateLimiter::new(Duration::from_millis(334));
        let mut turns = Vec::new();
        for _ in 0..4 {
            assert!(limiter.wait_turn(&clock, &cancel));
            turns.push(clock.elapsed().as_millis());
        }
        assert_eq!(turns, [0, 334, 668, 1002], "three requests a second at most");
        clock.advance(Duration::from_millis(200));
        assert!(limiter.wait_turn(&clock, &cancel));
        assert_eq!(clock.elapsed().as_millis(), 1336, "time spent elsewhere shortens the wait");
        clock.advance(Duration::from_secs(5));
        let before = clock.elapsed();
        assert!(limiter.wait_turn(&clock, &cancel));
        assert_eq!(clock.elapsed(), before, "after a pause the next request goes at once");
    }

    #[test]
    fn ten_a_second_with_a_key_and_no_burst_in_any_second() {
        let clock = FakeClock::default();
        let cancel = AtomicBool::new(false);
        let limiter = RateLimiter::new(Duration::from_millis(100));
        let turns: Vec<Duration> = (0..50)
            .map(|_| {
                limiter.wait_turn(&clock, &cancel);
                clock.elapsed()
            })
            .collect();
        for window in turns.windows(11) {
            assert!(window[10] - window[0] >= Duration::from_secs(1), "11 requests within a second: {window:?}");
        }
    }

    #[test]
    fn a_cancelled_wait_returns_early() {
        let clock = FakeClock::default();
        let cancel = AtomicBool::new(false);
        let limiter = RateLimiter::new(Duration::from_secs(30));
        assert!(limiter.wait_turn(&clock, &cancel));
        cancel.store(true, Ordering::Relaxed);
        assert!(!limiter.wait_turn(&clock, &cancel));
        assert!(clock.elapsed() < Duration::from_secs(1));
        assert!(!sleep_unless_cancelled(&clock, Duration::from_secs(60), &cancel));
    }
}

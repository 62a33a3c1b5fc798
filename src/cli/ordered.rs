//! An ordered parallel map that hands results on as they become ready: item `i` is
//! passed to the sink as soon as it and every item before it are done, so output
//! streams in a stable order while the work runs in parallel, and only a bounded number
//! of finished items wait in memory.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

struct State<T> {
    /// The next item a worker takes.
    next_job: usize,
    /// The next item the sink gets.
    next_out: usize,
    /// Finished items waiting for the ones before them.
    done: BTreeMap<usize, T>,
    /// The sink failed or a worker died: everyone stops.
    stop: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    changed: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State<T>>) -> MutexGuard<'a, State<T>> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }
}

/// Stops everyone if a worker unwinds, so that the sink does not wait for its item.
struct StopOnUnwind<'a, T>(&'a Shared<T>);

impl<T> Drop for StopOnUnwind<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Run `work(i)` for `i` in `0..n` on `threads` threads and give each result to
/// `sink(i, result)` in index order. Workers run at most `window` items ahead of the
/// sink. The first error of the sink stops the run and is returned.
pub fn ordered_map<T, W, S, E>(
    n: usize,
    threads: usize,
    window: usize,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    S: FnMut(usize, T) -> Result<(), E>,
{
    let shared = Shared {
        state: Mutex::new(State {
            next_job: 0,
            next_out: 0,
            done: BTreeMap::new(),
            stop: false,
        }),
        changed: Condvar::new(),
    };
    let window = window.max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, n.max(1)) {
            scope.spawn(|| {
                let _guard = StopOnUnwind(&shared);
                loop {
                    let i = {
                        let mut st = shared.lock();
                        loop {
                            if st.stop || st.next_job >= n {
                                return;
                            }
                            if st.next_job < st.next_out.saturating_add(window) {
                                break;
                            }
                            st = shared.wait(st);
                        }
                        st.next_job += 1;
                        st.next_job - 1
                    };
                    let result = work(i);
                    shared.lock().done.insert(i, result);
                    shared.changed.notify_all();
                }
            });
        }
        loop {
            let item = {
                let mut st = shared.lock();
                loop {
                    if st.stop || st.next_out >= n {
                        break None;
                    }
                    let i = st.next_out;
                    if let Some(r) = st.done.remove(&i) {
                        st.next_out += 1;
                        break Some((i, r));
                    }
                    st = shared.wait(st);
                }
            };
            shared.changed.notify_all();
            let Some((i, r)) = item else {
                return Ok(());
            };
            if let Err(e) = sink(i, r) {
                shared.stop();
                return Err(e);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_finishing_order() {
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered_map(
            50,
            4,
            3,
            |i| {
                // later items finish first
                std::thread::sleep(std::time::Duration::from_micros(((50 - i) * 20) as u64));
                i * 2
            },
            |i, v| {
                seen.push((i, v));
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen, (0..50).map(|i| (i, i * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut count = 0;
        let r = ordered_map(
            1000,
            2,
            4,
            |i| i,
            |i, _| {
                count += 1;
                if i == 5 {
                    Err("full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!((r, count), (Err("full"), 6));
        let r: Result<(), ()> = ordered_map(0, 2, 4, |i| i, |_, _| Ok(()));
        assert_eq!(r, Ok(()));
    }
}

//! Ordered parallel work whose results are handed on as they become ready, so output
//! streams in a stable order while the work runs in parallel: [`ordered_streams`] lets
//! each item send its results as a bounded stream of messages, read as soon as the
//! items before it are read, so not even one item's results need to be held whole.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// A state behind a lock, and the condition variable its changes are signalled on.
struct Shared<S> {
    state: Mutex<S>,
    changed: Condvar,
}

impl<S> Shared<S> {
    fn lock(&self) -> MutexGuard<'_, S> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, S>) -> MutexGuard<'a, S> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The state of [`ordered_streams`]: where the items' message streams wait for the sink.
struct Streams<M> {
    /// The next item a worker takes.
    next_job: usize,
    /// The item the sink reads now.
    next_out: usize,
    /// Started items' message streams, waiting for the sink.
    slots: BTreeMap<usize, std::sync::mpsc::Receiver<M>>,
    /// The sink failed or a worker died: everyone stops.
    stop: bool,
}

/// Run `work(i, emit)` for `i` in `0..n` on `threads` threads; each item sends its
/// results as a stream of messages through `emit` (which returns false once nobody
/// listens any more: the work may stop early), and `sink(i, message)` gets the streams
/// one after the other in index order, each message as soon as it is sent. Each stream
/// holds at most `bound` unread messages (a worker waits when it is full) and workers
/// start at most `window` items ahead of the sink, so memory stays bounded however long
/// an item is. The first error of the sink stops the run and is returned.
pub fn ordered_streams<M, W, S, E>(
    n: usize,
    threads: usize,
    window: usize,
    bound: usize,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    M: Send,
    W: Fn(usize, &mut dyn FnMut(M) -> bool) + Sync,
    S: FnMut(usize, M) -> Result<(), E>,
{
    let shared = Shared {
        state: Mutex::new(Streams {
            next_job: 0,
            next_out: 0,
            slots: BTreeMap::new(),
            stop: false,
        }),
        changed: Condvar::new(),
    };
    let window = window.max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, n.max(1)) {
            scope.spawn(|| {
                let _guard = StopStreamsOnUnwind(&shared);
                loop {
                    let (i, tx) = {
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
                        let i = st.next_job;
                        st.next_job += 1;
                        let (tx, rx) = std::sync::mpsc::sync_channel(bound.max(1));
                        st.slots.insert(i, rx);
                        (i, tx)
                    };
                    shared.changed.notify_all();
                    work(i, &mut |m| tx.send(m).is_ok());
                    // `tx` dropped: the stream of `i` ends.
                }
            });
        }
        for i in 0..n {
            let rx = {
                let mut st = shared.lock();
                loop {
                    if st.stop {
                        return Ok(());
                    }
                    if let Some(rx) = st.slots.remove(&i) {
                        break rx;
                    }
                    st = shared.wait(st);
                }
            };
            for m in rx.iter() {
                if let Err(e) = sink(i, m) {
                    // Dropping `rx` tells the item's worker nobody listens.
                    shared.stop_streams();
                    return Err(e);
                }
            }
            shared.lock().next_out = i + 1;
            shared.changed.notify_all();
        }
        Ok(())
    })
}

impl<M> Shared<Streams<M>> {
    fn stop_streams(&self) {
        let mut st = self.lock();
        st.stop = true;
        // Unread streams are dropped: their workers' sends fail and they stop.
        st.slots.clear();
        drop(st);
        self.changed.notify_all();
    }
}

/// Stops everyone if a worker unwinds.
struct StopStreamsOnUnwind<'a, M>(&'a Shared<Streams<M>>);

impl<M> Drop for StopStreamsOnUnwind<'_, M> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop_streams();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_come_in_order_message_by_message() {
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered_streams(
            20,
            3,
            2,
            2,
            |i, emit| {
                std::thread::sleep(std::time::Duration::from_micros(((20 - i) * 30) as u64));
                for k in 0..(i % 4) * 5 {
                    if !emit((i, k)) {
                        return;
                    }
                }
            },
            |i, m| {
                assert_eq!(i, m.0);
                seen.push(m);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        let want: Vec<(usize, usize)> = (0..20)
            .flat_map(|i| (0..(i % 4) * 5).map(move |k| (i, k)))
            .collect();
        assert_eq!(seen, want);
        let mut count = 0;
        let r = ordered_streams(
            100,
            2,
            4,
            1,
            |i, emit| {
                for k in 0..1000 {
                    if !emit(i * 1000 + k) {
                        return;
                    }
                }
            },
            |_, m| {
                count += 1;
                if m == 1500 {
                    Err("full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!((r, count), (Err("full"), 1501));
    }
}

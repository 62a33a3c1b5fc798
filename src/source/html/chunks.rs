//! Where each piece of a text token came from in the file, as the tokenizer read it.
//!
//! html5gum hands its emitter the text in pieces (`emit_string`): runs of plain text,
//! and one piece per character reference or normalised line break, each emitted right
//! after the input it was made from was consumed. [`Recorder`] wraps the default
//! emitter and notes, for each piece, its length and the file offset reached when it
//! was emitted; [`Chunks::map_token`] then maps a text token piece by piece: a piece
//! whose bytes are the file's bytes just before that offset is plain text and advances
//! with them; any other (a decoded reference, a CR made LF) has each of its characters
//! at the first byte of the input it was read from (the `&` of a reference). Nothing is inferred from the decoded text, so
//! the map holds for any reference the tokenizer knows or does not know.

use html5gum::{DefaultEmitter, Emitter, ForwardingEmitter, Token};
use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

/// One emitted piece: its length in bytes and the file offset after its input.
#[derive(Debug, Clone, Copy)]
struct Piece {
    len: usize,
    end: usize,
}

/// The pieces emitted so far and not yet taken by a token (shared with [`Recorder`]).
#[derive(Default, Clone)]
pub struct Chunks {
    queue: Rc<Cell<VecDeque<Piece>>>,
}

/// The default emitter, noting each text piece and the file offset reached.
pub struct Recorder {
    inner: DefaultEmitter<usize>,
    at: usize,
    queue: Rc<Cell<VecDeque<Piece>>>,
}

impl Recorder {
    /// Wrap `inner`; the pieces go to `chunks`.
    pub fn new(inner: DefaultEmitter<usize>, chunks: &Chunks) -> Self {
        Recorder {
            inner,
            at: 0,
            queue: Rc::clone(&chunks.queue),
        }
    }
}

impl ForwardingEmitter for Recorder {
    type Token = Token<usize>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn emit_string(&mut self, c: &[u8]) {
        if !c.is_empty() {
            let mut q = self.queue.take();
            q.push_back(Piece {
                len: c.len(),
                end: self.at,
            });
            self.queue.set(q);
        }
        Emitter::emit_string(&mut self.inner, c);
    }

    fn move_position(&mut self, offset: isize) {
        self.at = self.at.saturating_add_signed(offset);
        Emitter::move_position(&mut self.inner, offset);
    }
}

impl Chunks {
    /// Take the pieces of the next text token (`value`, starting at file offset
    /// `start`) and call `seg(text offset in value, file offset)` at each place where
    /// the two stop advancing together.
    pub fn map_token(
        &self,
        file: &[u8],
        value: &[u8],
        start: usize,
        mut seg: impl FnMut(usize, usize),
    ) {
        let mut q = self.queue.take();
        // `delta`: file offset minus text offset in the current segment.
        let mut delta = start;
        seg(0, start);
        let mut put = |t: usize, f: usize, always: bool| {
            if always || f.wrapping_sub(t) != delta {
                delta = f.wrapping_sub(t);
                seg(t, f);
            }
        };
        let (mut t, mut f) = (0usize, start);
        while t < value.len() {
            let Some(mut p) = q.pop_front() else {
                break;
            };
            if p.len > value.len() - t {
                // Not seen: a piece longer than the token. Keep the rest for the next.
                q.push_front(Piece {
                    len: p.len - (value.len() - t),
                    end: p.end,
                });
                p.len = value.len() - t;
            }
            let text = value.get(t..t + p.len).unwrap_or_default();
            // Plain text: the piece's bytes end where its input ended (input before
            // them, such as the LF of a CR LF whose CR was emitted as LF, is skipped),
            // or start where the input not yet mapped starts, or just after the line
            // breaks there (a buffer emitted once more was read: "</" and a tag name
            // that does not end the `<title>`, at the end of the file too). A lone "&" there is a decoded
            // `&amp;`, not plain text.
            let at_end = p
                .end
                .checked_sub(p.len)
                .filter(|s| *s >= f && file.get(*s..p.end) == Some(text));
            // Line breaks already emitted (a CR LF's LF, a lone CR) may come first.
            let breaks = file
                .get(f..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            let at_start = [f, f + breaks]
                .into_iter()
                .find(|&s| text != b"&" && file.get(s..s + p.len) == Some(text));
            match (at_end, at_start) {
                (Some(s), _) => {
                    put(t, s, false);
                    f = p.end;
                }
                (None, Some(s)) => {
                    put(t, s, false);
                    f = s + p.len;
                }
                // Decoded: every character of the piece at its input's first byte.
                (None, None) => {
                    match std::str::from_utf8(text) {
                        Ok(s) => s.char_indices().for_each(|(i, _)| put(t + i, f, true)),
                        Err(_) => put(t, f, true),
                    }
                    f = p.end.max(f);
                }
            }
            t += p.len;
            put(t, f, false);
        }
        self.queue.set(q);
    }
}

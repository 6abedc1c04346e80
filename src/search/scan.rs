//! Finding bytes eight at a time: the scan's innermost loop, shared by the prefilter and the scorer.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `word`. Bits above the first zero byte may be set falsely
/// (borrows travel upwards), so only the lowest set bit is meaningful, which is all we use.
#[inline(always)]
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGH_BITS
}

/// The position of the first byte of `haystack` equal to `a` or `b`.
#[inline]
pub fn find_either(haystack: &[u8], a: u8, b: u8) -> Option<usize> {
    let (spread_a, spread_b) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else { break };
        let word = u64::from_le_bytes(bytes);
        let found = zero_bytes(word ^ spread_a) | zero_bytes(word ^ spread_b);
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks.remainder().iter().position(|&byte| byte == a || byte == b).map(|at| offset + at)
}

/// The longest text [`short_mask`] takes.
pub const SHORT: usize = 128;

/// A bit per byte of `text` (at most [`SHORT`] bytes, as most titles are) equal to `a` or `b`,
/// eight bytes at a time without a branch per match: a row then visits its matches by bit.
#[inline(always)]
pub fn short_mask(text: &[u8], a: u8, b: u8) -> Option<u128> {
    if text.len() > SHORT {
        return None;
    }
    let (spread_a, spread_b) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut mask = 0;
    let mut words = text.chunks_exact(8);
    for (n, word) in (&mut words).enumerate() {
        let Ok(bytes) = <[u8; 8]>::try_from(word) else { break };
        mask |= u128::from(equal_bits(u64::from_le_bytes(bytes), spread_a, spread_b)) << (8 * n);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut bytes = [0u8; 8];
        bytes[..rest.len()].copy_from_slice(rest);
        // The padding may equal a needle.
        let bits = equal_bits(u64::from_le_bytes(bytes), spread_a, spread_b) & ((1u8 << rest.len()) - 1);
        mask |= u128::from(bits) << (text.len() - rest.len());
    }
    Some(mask)
}

/// A bit per byte of `word` equal to the byte `spread_a` or `spread_b` repeats.
#[inline(always)]
fn equal_bits(word: u64, spread_a: u64, spread_b: u64) -> u8 {
    const LOW_SEVEN: u64 = !HIGH_BITS;
    // The high bit of each zero byte, exactly (no borrow crosses bytes).
    let zero = |x: u64| !(((x & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | x | LOW_SEVEN);
    let ones = (zero(word ^ spread_a) | zero(word ^ spread_b)) >> 7;
    // Multiplying gathers bit 0 of every byte into the top byte, in order.
    (ones.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The positions of the bits of a mask, lowest first.
#[derive(Clone, Copy)]
pub struct Bits(pub u128);

impl Iterator for Bits {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let at = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(at)
    }
}

/// Every position from `from` on of a byte equal to `a` or `b`, in order, found eight at a time
/// (see [`equal_bits`]). A scoring row visits every match of its char, and one scan serves them all.
pub struct Positions<'a> {
    haystack: &'a [u8],
    /// Where the word `mask` was read from starts.
    word_start: usize,
    /// A bit per byte of that word still to report.
    mask: u8,
    spread_a: u64,
    spread_b: u64,
}

impl<'a> Positions<'a> {
    pub fn new(haystack: &'a [u8], from: usize, a: u8, b: u8) -> Positions<'a> {
        let (spread_a, spread_b) = (ONES * u64::from(a), ONES * u64::from(b));
        let mut positions = Positions { haystack, word_start: from, mask: 0, spread_a, spread_b };
        positions.mask = positions.matches_at(from);
        positions
    }

    /// The matches in the (up to) eight bytes from `start`.
    #[inline(always)]
    fn matches_at(&self, start: usize) -> u8 {
        let rest = self.haystack.get(start..).unwrap_or_default();
        match rest.first_chunk::<8>() {
            Some(word) => equal_bits(u64::from_le_bytes(*word), self.spread_a, self.spread_b),
            None => {
                let mut word = [0u8; 8];
                word[..rest.len()].copy_from_slice(rest);
                // Only the bytes read count: the padding may equal a needle.
                let valid = ((1u16 << rest.len()) - 1) as u8;
                equal_bits(u64::from_le_bytes(word), self.spread_a, self.spread_b) & valid
            }
        }
    }
}

impl Iterator for Positions<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.word_start += 8;
            if self.word_start >= self.haystack.len() {
                return None;
            }
            self.mask = self.matches_at(self.word_start);
        }
        let at = self.word_start + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_of_either_byte_like_a_plain_loop() {
        let mut rng = crate::synthetic::XorShift::new(0x1234_5678_9ABC_DEF1_u64);
        let mut next = || rng.next_u64();
        for _ in 0..5000 {
            let length = (next() % 140) as usize;
            // Few distinct values, including 0x00, 0x01, 0x80 and 0xff where borrows bite.
            let haystack: Vec<u8> =
                (0..length).map(|_| [0, 1, 0x41, 0x61, 0x80, 0xff][(next() % 6) as usize]).collect();
            let (a, b) =
                ([0, 1, 0x41, 0x61, 0x80, 0xff][(next() % 6) as usize], [0x61, 0x80, 0][(next() % 3) as usize]);
            let expected = haystack.iter().position(|&byte| byte == a || byte == b);
            assert_eq!(find_either(&haystack, a, b), expected, "{haystack:?} {a} {b}");
            let from = (next() % 145) as usize;
            let every: Vec<usize> =
                (from..haystack.len()).filter(|&at| haystack[at] == a || haystack[at] == b).collect();
            assert_eq!(Positions::new(&haystack, from, a, b).collect::<Vec<_>>(), every, "{haystack:?} {from} {a} {b}");
            let all: Vec<usize> = (0..haystack.len()).filter(|&at| haystack[at] == a || haystack[at] == b).collect();
            let expected = (length <= SHORT).then_some(all);
            assert_eq!(short_mask(&haystack, a, b).map(|mask| Bits(mask).collect::<Vec<_>>()), expected);
        }
    }
}

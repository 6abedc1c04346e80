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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_of_either_byte_like_a_plain_loop() {
        let mut state = 0x1234_5678_9ABC_DEF1_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5000 {
            let length = (next() % 40) as usize;
            // Few distinct values, including 0x00, 0x01, 0x80 and 0xff where borrows bite.
            let haystack: Vec<u8> =
                (0..length).map(|_| [0, 1, 0x41, 0x61, 0x80, 0xff][(next() % 6) as usize]).collect();
            let (a, b) =
                ([0, 1, 0x41, 0x61, 0x80, 0xff][(next() % 6) as usize], [0x61, 0x80, 0][(next() % 3) as usize]);
            let expected = haystack.iter().position(|&byte| byte == a || byte == b);
            assert_eq!(find_either(&haystack, a, b), expected, "{haystack:?} {a} {b}");
        }
    }
}

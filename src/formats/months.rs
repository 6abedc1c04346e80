//! Month names as PubMed and RIS abbreviate them ("2019 Aug 22"), for every format that reads or writes them.

/// The months' three-letter abbreviations, January first.
pub const ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// 1..=12 for a month named by its first three letters in any case: "Aug", "august", "SEPT".
pub fn number_from_prefix(word: &str) -> Option<u8> {
    let prefix: String = word.chars().take(3).flat_map(char::to_lowercase).collect();
    let index = ABBREVIATIONS.iter().position(|month| month.to_ascii_lowercase() == prefix)?;
    u8::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_known_by_their_first_three_letters() {
        assert_eq!(number_from_prefix("Jan"), Some(1));
        assert_eq!(number_from_prefix("september"), Some(9));
        assert_eq!(number_from_prefix("DECEMBER"), Some(12));
        assert_eq!(number_from_prefix("Ma"), None);
        assert_eq!(number_from_prefix("Spring"), None);
    }
}

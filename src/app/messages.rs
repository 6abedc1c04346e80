//! Every message the status bar showed that is worth reading again (update results, failures), kept
//! because the status bar shows one line, cut to the pane, until the next key.

/// The most recent messages kept; older ones give way.
pub const KEPT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageLog {
    pub lines: Vec<String>,
    /// Scroll offset of the log overlay, when it is open.
    pub open: Option<usize>,
    /// Messages pushed so far: the log's wrapped rows are kept until it changes.
    pushed: u64,
}

impl MessageLog {
    pub fn push(&mut self, message: impl Into<String>) {
        if self.lines.len() == KEPT {
            self.lines.remove(0);
        }
        self.lines.push(message.into());
        self.pushed += 1;
    }

    /// Changes whenever a message is pushed, even once the oldest give way and the length stays.
    pub fn revision(&self) -> u64 {
        self.pushed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_message_gives_way() {
        let mut log = MessageLog::default();
        for number in 0..=KEPT {
            log.push(number.to_string());
        }
        assert_eq!(log.lines.len(), KEPT);
        assert_eq!(log.lines[0], "1");
        assert_eq!(log.lines.last().map(String::as_str), Some(KEPT.to_string().as_str()));
    }
}

//! Files saved as UTF-16 ("Unicode" in Windows tools) import like their UTF-8 originals; broken ones are refused
//! with a message that names the encoding, the file and the line.

use lenaview::formats::{self, library_json};

mod support;

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mark: [u8; 2] = if little_endian { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
    let units =
        text.encode_utf16().flat_map(|unit| if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    mark.into_iter().chain(units).collect()
}

#[test]
fn utf16_files_of_every_format_import_like_their_utf8_originals() {
    let (_, medline) = support::fixtures::fixture("medline/search.txt");
    let (_, page) = support::fixtures::fixture("page/locations-canada.txt");
    let json = library_json::to_string(&formats::bundled());
    for (name, utf8) in [("medline.txt", medline), ("page.txt", page), ("library.json", json.into_bytes())] {
        let text = String::from_utf8(utf8.clone()).expect("UTF-8 fixture");
        let expected = formats::import_bytes(name, &utf8).expect("the UTF-8 original imports");
        for little_endian in [true, false] {
            let windows = text.replace('\n', "\r\n");
            let imported = formats::import_bytes(name, &utf16(&windows, little_endian))
                .unwrap_or_else(|err| panic!("{name} as UTF-16 (LE: {little_endian}): {err}"));
            assert_eq!(imported, expected, "{name} as UTF-16 (LE: {little_endian})");
        }
    }
}

#[test]
fn broken_utf16_is_refused_naming_the_encoding_file_and_line() {
    let mut bytes = utf16("PMID- 1\r\nTI  - A title ", false);
    bytes.extend([0xD8, 0x00, 0x00, b'x']);
    let err = formats::import_bytes("broken.txt", &bytes).expect_err("a lone surrogate");
    assert_eq!((err.file.as_str(), err.line), ("broken.txt", 2));
    assert!(err.message.contains("UTF-16 BE"), "{err}");
    assert!(err.to_string().starts_with("broken.txt:2: not valid UTF-16 BE"), "{err}");

    let mut odd = utf16("PMID- 1\n", true);
    odd.push(b'T');
    let err = formats::import_bytes("odd.txt", &odd).expect_err("half a character");
    assert!(err.to_string().starts_with("odd.txt:2: not valid UTF-16 LE"), "{err}");

    let err = formats::import_bytes("wide.txt", b"\xFF\xFE\x00\x00P\x00\x00\x00").expect_err("UTF-32");
    assert!(err.message.contains("UTF-32"), "{err}");
}

#[test]
fn utf8_and_latin1_files_decode_as_before() {
    assert_eq!(formats::decode(b"Caf\xe9"), "Café");
    assert_eq!(formats::decode_checked("Café".as_bytes()).unwrap(), "Café");
    assert_eq!(formats::decode_checked(b"\xEF\xBB\xBFA\r\nB").unwrap(), "A\nB");
}

#[test]
fn random_bytes_behind_a_utf16_mark_never_panic() {
    let mut random = lenaview::synthetic::XorShift::new(16);
    for mark in [[0xFF, 0xFE], [0xFE, 0xFF]] {
        for length in 0..300 {
            let bytes: Vec<u8> = mark.into_iter().chain((0..length).map(|_| random.next_u64() as u8)).collect();
            if let Err(err) = formats::import_bytes("noise.txt", &bytes) {
                assert!(err.to_string().starts_with("noise.txt"), "{err}");
            }
        }
    }
}

//! A CSL item printed as `serde_json::to_string_pretty` prints it inside the array (two spaces a level), without
//! going through serde: the generic printer took a fifth of a long export. The reference writer still goes through
//! serde, and the tests hold the two to the same bytes.

use super::{Date, Item, Name};
use crate::formats::export::json_pretty::{Object, indent, new_line, push_array, push_number};

/// `item`, as the array's element, at the end of `text`: its `{` where the caller put the cursor (one level in),
/// its fields two levels in.
pub fn push_item(text: &mut String, item: &Item) {
    let mut object = Object::open(text, 2);
    object.string("id", item.id);
    object.string("type", item.item_type);
    if !item.title.is_empty() {
        object.string("title", item.title);
    }
    if !item.author.is_empty() {
        let text = object.key("author");
        text.push('[');
        for (at, name) in item.author.iter().enumerate() {
            new_line(text, 3, at == 0);
            let mut person = Object::open(text, 4);
            match name {
                Name::Person { family, given } => {
                    person.string("family", family);
                    person.string("given", given);
                }
                Name::Group { literal } => person.string("literal", literal),
            }
            person.close();
        }
        text.push('\n');
        indent(text, 2);
        text.push(']');
    }
    object.optional("container-title", item.container_title);
    object.optional("container-title-short", item.container_title_short);
    object.optional("publisher", item.publisher);
    if let Some(date) = &item.issued {
        push_date(object.key("issued"), date);
    }
    object.optional("volume", item.volume);
    object.optional("issue", item.issue);
    object.optional("page", item.page.as_deref());
    object.optional("DOI", item.doi);
    object.optional("PMID", item.pmid);
    object.optional("PMCID", item.pmcid);
    object.optional("abstract", item.abstract_text.as_deref());
    object.optional("keyword", item.keyword.as_deref());
    object.optional("note", item.note);
    object.close();
}

/// `{"date-parts": [[2019, 8, 22]], "season": 3}`, its fields three levels in.
fn push_date(text: &mut String, date: &Date) {
    let mut object = Object::open(text, 3);
    let text = object.key("date-parts");
    push_array(text, 4, &[date.date_parts.as_slice()], |text, parts| push_array(text, 5, parts, push_number));
    if let Some(season) = date.season {
        push_number(object.key("season"), &i32::from(season));
    }
    object.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_printed_as_serde_json_prints_it_in_an_array() {
        let group = "Myeloma Working Group".into();
        let publication = crate::model::Publication {
            authors: vec![group, "Vogl DT".into()],
            date: Some("2018 Fall".into()),
            tags: vec!["review".into()],
            ..crate::model::sample_publication()
        };
        let item = super::super::item(&publication, "k");
        let mut text = String::from("[\n  ");
        push_item(&mut text, &item);
        text.push_str("\n]");
        assert_eq!(text, serde_json::to_string_pretty(&[&item]).unwrap());
        assert!(text.contains("\"season\": 3") && text.contains("\"literal\""), "{text}");
    }
}

use super::*;
use crate::*;

// ---------------------------------------------------------------------------------------------
// Comments

pub(crate) fn created() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => (0u32..100).prop_map(f64::from),
        2 => 1.0e9f64..2.0e9,
        1 => any::<f64>(),
    ]
    .boxed()
}

/// Small ids so that duplicates, self-parents and cycles happen; sometimes any id.
pub(crate) fn comment_id() -> BoxedStrategy<u64> {
    prop_oneof![4 => 0u64..8, 1 => any::<u64>()].boxed()
}

pub(crate) fn count() -> BoxedStrategy<u32> {
    prop_oneof![4 => 0u32..30, 1 => any::<u32>()].boxed()
}

pub(crate) fn isso_leaf() -> BoxedStrategy<IssoComment> {
    (
        (
            comment_id(),
            opt(comment_id()),
            text(),
            opt(text()),
            opt(prop_oneof![url_text(), url_text().prop_map(|u| escape(&u))].boxed()),
            any::<u8>(),
        ),
        (
            created(),
            opt(created()),
            any::<i64>(),
            any::<i64>(),
            count(),
            count(),
        ),
    )
        .prop_map(
            |(
                (id, parent, text, author, website, mode),
                (created, modified, likes, dislikes, total_replies, hidden_replies),
            )| IssoComment {
                id,
                parent,
                text,
                author,
                website,
                mode,
                created,
                modified,
                likes,
                dislikes,
                total_replies,
                hidden_replies,
                replies: Vec::new(),
            },
        )
        .boxed()
}

/// A comment with up to two levels of replies under it (Isso nests one; a server may not).
pub(crate) fn isso_comment() -> BoxedStrategy<IssoComment> {
    let with = |(mut c, replies): (IssoComment, Vec<IssoComment>)| {
        c.replies = replies;
        c
    };
    let reply = (isso_leaf(), prop::collection::vec(isso_leaf(), 0..2)).prop_map(with);
    (isso_leaf(), prop::collection::vec(reply, 0..5))
        .prop_map(with)
        .boxed()
}

pub(crate) fn isso_page() -> BoxedStrategy<IssoPage> {
    let hidden = prop_oneof![3 => Just(0u32), 1 => count()];
    (count(), hidden, prop::collection::vec(isso_comment(), 0..8))
        .prop_map(|(total_replies, hidden_replies, replies)| IssoPage {
            total_replies,
            hidden_replies,
            replies,
        })
        .boxed()
}

pub(crate) fn isso_stub() -> IssoComment {
    serde_json::from_str(r#"{"id":1}"#).unwrap()
}

pub(crate) fn sort() -> impl Strategy<Value = Sort> {
    prop::sample::select(Sort::ALL.to_vec())
}

pub(crate) fn offset() -> BoxedStrategy<u32> {
    prop_oneof![3 => Just(0u32), 3 => 0u32..100, 1 => any::<u32>()].boxed()
}

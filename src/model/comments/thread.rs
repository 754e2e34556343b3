//! A comment ready to show, numbered: a page of a thread and the pages after it.

use super::*;

/// A comment ready to show: entities decoded once, unsafe links dropped, numbered.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub id: u64,
    pub parent: Option<u64>,
    /// "1", "2" … for top-level comments, "1.1" … for replies; `None` when not known.
    pub number: Option<String>,
    /// Plain text (decoded from Isso's escaping); `None` for anonymous comments.
    pub author: Option<String>,
    /// Only an http(s) URL.
    pub website: Option<String>,
    /// Isso's rendered HTML: must go through `SafeHtml`.
    pub html: String,
    pub created: f64,
    pub likes: i64,
    pub dislikes: i64,
    pub mode: u8,
    /// Published replies, for top-level comments.
    pub total_replies: u32,
    pub replies: Vec<Comment>,
}

impl Comment {
    /// Converts Isso's comment; `number` is filled in by the caller.
    pub fn from_isso(c: &IssoComment, number: Option<String>) -> Comment {
        let author = c.author.as_deref().and_then(display_name);
        let website = c
            .website
            .as_deref()
            .map(decode_entities)
            .and_then(|w| safe_http_url(&w));
        Comment {
            id: c.id,
            parent: c.parent,
            number,
            author,
            website,
            html: c.text.clone(),
            created: c.created,
            likes: c.likes,
            dislikes: c.dislikes,
            mode: c.mode,
            total_replies: c.total_replies,
            replies: Vec::new(),
        }
    }

    /// Whether Isso holds it for moderation.
    pub fn is_pending(&self) -> bool {
        self.mode == MODE_PENDING
    }

    /// Whether it was deleted but kept because replies refer to it.
    pub fn is_deleted(&self) -> bool {
        self.mode == MODE_DELETED
    }
}

/// The number of the top-level comment at `index` of a page fetched at `offset`, by creation
/// order, so that it is the same whatever the sort. `top_total` is the number of top-level
/// comments in the thread. Under "top", the order says nothing about creation: `None` (the
/// caller numbers a complete first page with [`number_by_creation`]).
pub fn top_level_number(sort: Sort, offset: u32, index: u32, top_total: u32) -> Option<u32> {
    match sort {
        // Checked: offsets and counts come from the server; past u32 there is no number.
        Sort::Oldest => offset.checked_add(index)?.checked_add(1),
        Sort::Newest => top_total
            .checked_sub(offset.checked_add(index)?)
            .filter(|n| *n > 0),
        Sort::Top => None,
    }
}

/// Numbers comments by creation time (ties by id): the rank, from 1, of each in `created`.
pub fn number_by_creation(items: &[(u64, f64)]) -> Vec<(u64, u32)> {
    let mut ranked: Vec<(u64, u32)> = items
        .iter()
        .zip(creation_ranks(items))
        .map(|(&(id, _), rank)| (id, rank))
        .collect();
    ranked.sort_by_key(|&(_, rank)| rank);
    ranked
}

/// The creation rank, from 1, of each item where it stands (ties by id, then position), so a
/// repeated id still gets a number of its own.
fn creation_ranks(items: &[(u64, f64)]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (items[a], items[b]);
        a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))
    });
    let mut ranks = vec![0; items.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = rank as u32 + 1;
    }
    ranks
}

/// How many top-level comments a thread has, from a page fetched at `offset`.
pub fn top_level_total(page: &IssoPage, offset: u32) -> u32 {
    offset
        .saturating_add(page.replies.len() as u32)
        .saturating_add(page.hidden_replies)
}

/// Builds numbered comments from one page of a thread. Replies, which Isso always returns
/// oldest first, are numbered `<parent>.<rank>`. Comments that cannot be shown
/// ([`usable_comment`]) are left out; the others keep the numbers of their places in Isso's list.
pub fn build_page(page: &IssoPage, sort: Sort, offset: u32) -> Vec<Comment> {
    build_ranked(page, sort, offset, None)
}

/// [`build_page`], with the top-level comments that the page alone cannot number (those of a
/// long thread under "top") numbered from `ranks` when given.
pub fn build_ranked(
    page: &IssoPage,
    sort: Sort,
    offset: u32,
    ranks: Option<&Ranks>,
) -> Vec<Comment> {
    let top_total = top_level_total(page, offset);
    let whole = offset == 0 && page.hidden_replies == 0;
    let shown: Vec<(usize, &IssoComment)> = page
        .replies
        .iter()
        .enumerate()
        .filter(|(_, c)| usable_comment(c))
        .collect();
    let by_creation: Vec<u32> = if sort == Sort::Top && whole {
        creation_ranks(
            &shown
                .iter()
                .map(|(_, c)| (c.id, c.created))
                .collect::<Vec<_>>(),
        )
    } else {
        Vec::new()
    };
    shown
        .iter()
        .enumerate()
        .map(|(k, &(i, c))| {
            let n = top_level_number(sort, offset, i as u32, top_total)
                .or_else(|| by_creation.get(k).copied())
                .or_else(|| ranks.filter(|_| sort == Sort::Top)?.get(c.id));
            let number = n.map(|n| n.to_string());
            let mut top = Comment::from_isso(c, number.clone());
            top.replies = build_replies(&c.replies, number.as_deref(), 0);
            top
        })
        .collect()
}

/// Numbers a run of replies fetched at `offset` (Isso returns them oldest first), leaving out
/// those that cannot be shown.
pub fn build_replies(
    replies: &[IssoComment],
    parent_number: Option<&str>,
    offset: u32,
) -> Vec<Comment> {
    replies
        .iter()
        .enumerate()
        .filter(|(_, r)| usable_comment(r))
        .map(|(i, r)| {
            let number = parent_number.and_then(|p| {
                let n = offset.checked_add(i as u32)?.checked_add(1)?;
                Some(format!("{p}.{n}"))
            });
            Comment::from_isso(r, number)
        })
        .collect()
}

/// Up to how many top-level comments a thread under "top" is numbered from a list of all of
/// them ([`Ranks`]). That list is the price of the numbers (about 400 bytes a comment, plain text
/// and no replies); past this, a "top" page that is not the whole thread shows no numbers.
pub const RANKS_MAX: u32 = 2_000;

/// The creation rank of each top-level comment of a thread, which is its number under every
/// sort: its place, from 1, in Isso's list of all of them oldest first (the same place that
/// numbers it under "oldest"). A page of a long thread under "top" says nothing about creation
/// order, so this is how such a thread keeps its numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ranks(std::collections::HashMap<u64, u32>);

impl Ranks {
    /// From Isso's answer to `sort=oldest` with no `limit` and no `offset`.
    pub fn from_oldest(all: &IssoPage) -> Ranks {
        let mut ranks = std::collections::HashMap::with_capacity(all.replies.len());
        for (i, c) in all.replies.iter().enumerate() {
            ranks.entry(c.id).or_insert(i as u32 + 1);
        }
        Ranks(ranks)
    }

    /// The number of comment `id`, if the list had it (a comment newer than the list has none).
    pub fn get(&self, id: u64) -> Option<u32> {
        self.0.get(&id).copied()
    }

    /// Whether the first page of a thread, fetched in order `sort`, needs [`Ranks`] to be
    /// numbered: under "top", when it is not the whole thread and the thread is not too long.
    pub fn needed(sort: Sort, first: &IssoPage) -> bool {
        let top_total = top_level_total(first, 0);
        sort == Sort::Top && first.hidden_replies > 0 && top_total <= RANKS_MAX
    }
}

/// One fetched page of top-level comments, numbered once when it arrived. The view renders a
/// page once and appends the next under it; it never rebuilds the pages before.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadPage {
    /// The order it was fetched in.
    pub sort: Sort,
    /// How many top-level comments precede it.
    pub offset: u32,
    /// How many top-level comments Isso returned (before any already shown were left out).
    pub fetched: u32,
    /// Top-level comments after it (Isso's `hidden_replies`).
    pub hidden: u32,
    /// Published comments in the whole thread, replies included (Isso's `total_replies`).
    pub total: u32,
    /// The comments to show, with their inlined replies. Shared: the view and the chain of pages
    /// hold the same list instead of copies.
    pub comments: std::sync::Arc<Vec<Comment>>,
}

impl ThreadPage {
    /// Numbers Isso's page fetched at `offset` in order `sort`.
    pub fn new(page: &IssoPage, sort: Sort, offset: u32) -> ThreadPage {
        ThreadPage::ranked(page, sort, offset, None)
    }

    /// [`ThreadPage::new`], numbering from `ranks` what the page alone cannot ([`build_ranked`]).
    pub fn ranked(page: &IssoPage, sort: Sort, offset: u32, ranks: Option<&Ranks>) -> ThreadPage {
        ThreadPage {
            sort,
            offset,
            fetched: page.replies.len() as u32,
            hidden: page.hidden_replies,
            total: page.total_replies,
            comments: std::sync::Arc::new(build_ranked(page, sort, offset, ranks)),
        }
    }

    /// Where the next page starts: the top-level comments up to the end of this one.
    pub fn end(&self) -> u32 {
        self.offset.saturating_add(self.fetched)
    }

    /// Top-level comments in the thread, as this page's answer counts them.
    pub fn top_total(&self) -> u32 {
        self.end().saturating_add(self.hidden)
    }

    /// The offset of the page after this one, when there is one.
    pub fn next_offset(&self) -> Option<u32> {
        crate::model::replies::next_batch(self.top_total(), self.end(), 1).map(|b| b.offset)
    }

    /// What tells two renderings of a page apart: where it starts and which comments it shows.
    pub fn key(&self) -> (Sort, u32, usize, Option<u64>) {
        (
            self.sort,
            self.offset,
            self.comments.len(),
            self.comments.first().map(|c| c.id),
        )
    }
}

/// The pages shown after `head`: those of its order that continue it without a gap, each
/// without the comments an earlier page already shows (new comments shift Isso's offsets).
/// Pages fetched for another order or at an offset that does not follow are left out.
pub fn chain_pages(head: &ThreadPage, later: &[ThreadPage]) -> Vec<ThreadPage> {
    let mut seen: std::collections::HashSet<u64> = head.comments.iter().map(|c| c.id).collect();
    let mut pages: Vec<&ThreadPage> = later.iter().filter(|p| p.sort == head.sort).collect();
    pages.sort_by_key(|p| p.offset);
    let mut out = Vec::new();
    let mut next = head.next_offset();
    for p in pages {
        if Some(p.offset) != next {
            continue;
        }
        let page = if p.comments.iter().any(|c| seen.contains(&c.id)) {
            ThreadPage {
                comments: std::sync::Arc::new(
                    p.comments
                        .iter()
                        .filter(|c| !seen.contains(&c.id))
                        .cloned()
                        .collect(),
                ),
                ..p.clone()
            }
        } else {
            p.clone()
        };
        seen.extend(page.comments.iter().map(|c| c.id));
        next = page.next_offset();
        out.push(page);
    }
    out
}

//! Tests of the comments model.

use super::*;

fn c(id: u64, created: f64, parent: Option<u64>) -> IssoComment {
    IssoComment {
        id,
        parent,
        text: format!("<p>{id}</p>"),
        author: None,
        website: None,
        mode: 1,
        created,
        modified: None,
        likes: 0,
        dislikes: 0,
        total_replies: 0,
        hidden_replies: 0,
        replies: Vec::new(),
    }
}

fn numbers(list: &[Comment]) -> Vec<(u64, Option<String>)> {
    let mut out = Vec::new();
    for t in list {
        out.push((t.id, t.number.clone()));
        for r in &t.replies {
            out.push((r.id, r.number.clone()));
        }
    }
    out
}

#[test]
fn parses_what_isso_sends() {
    let json = r#"{"id":null,"total_replies":3,"hidden_replies":1,"replies":[
        {"id":1,"parent":null,"created":1795889931.17,"modified":null,"mode":1,
         "text":"<p>hi</p>","author":"&lt;b&gt;Eve&lt;/b&gt;\"","website":"http://x.org/?a=1&amp;b=&quot;2&quot;",
         "likes":2,"dislikes":1,"notification":null,"hash":"abc","total_replies":1,"hidden_replies":0,
         "replies":[{"id":4,"parent":1,"created":1795889932.0,"modified":null,"mode":1,"text":"<p>r</p>",
         "author":null,"website":null,"likes":0,"dislikes":0,"notification":null,"hash":"d"}]}],
        "config":{"reply-to-self":false}}"#;
    let page: IssoPage = serde_json::from_str(json).unwrap();
    assert_eq!(page.total_replies, 3);
    let built = build_page(&page, Sort::Oldest, 0);
    assert_eq!(built[0].author.as_deref(), Some("<b>Eve</b>\""));
    assert_eq!(
        built[0].website.as_deref(),
        Some("http://x.org/?a=1&b=\"2\"")
    );
    assert_eq!(built[0].replies[0].number.as_deref(), Some("1.1"));
    assert_eq!(built[0].likes, 2);
}

#[test]
fn numbers_are_by_creation_whatever_the_sort() {
    // Three top-level comments, the first with two replies, created 1 < 2 < 3.
    let mut first = c(1, 10.0, None);
    first.replies = vec![c(4, 40.0, Some(1)), c(5, 50.0, Some(1))];
    first.total_replies = 2;
    let mut second = c(2, 20.0, None);
    second.likes = 5;
    let third = c(3, 30.0, None);
    let expected = vec![
        (1, Some("1".into())),
        (4, Some("1.1".into())),
        (5, Some("1.2".into())),
        (2, Some("2".into())),
        (3, Some("3".into())),
    ];
    for (sort, order) in [
        (
            Sort::Oldest,
            vec![first.clone(), second.clone(), third.clone()],
        ),
        (
            Sort::Newest,
            vec![third.clone(), second.clone(), first.clone()],
        ),
        (
            Sort::Top,
            vec![second.clone(), first.clone(), third.clone()],
        ),
    ] {
        let page = IssoPage {
            total_replies: 5,
            hidden_replies: 0,
            replies: order,
        };
        let mut got = numbers(&build_page(&page, sort, 0));
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want, "{sort:?}");
    }
}

#[test]
fn paged_numbers_use_offsets() {
    // Newest first, second page of 2 out of 5 top-level comments: numbers 3 and 2.
    let page = IssoPage {
        total_replies: 5,
        hidden_replies: 1,
        replies: vec![c(30, 3.0, None), c(20, 2.0, None)],
    };
    let got: Vec<_> = build_page(&page, Sort::Newest, 2)
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(got, vec![Some("3".into()), Some("2".into())]);
    let got: Vec<_> = build_page(&page, Sort::Oldest, 2)
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(got, vec![Some("3".into()), Some("4".into())]);
    // "Top" on a partial page cannot know creation ranks.
    assert!(build_page(&page, Sort::Top, 2)[0].number.is_none());
    assert_eq!(top_level_total(&page, 2), 5);
    // Replies loaded later continue their parent's numbering.
    let more = build_replies(&[c(9, 9.0, Some(1))], Some("1"), 5);
    assert_eq!(more[0].number.as_deref(), Some("1.6"));
}

#[test]
fn a_long_thread_under_top_is_numbered_from_its_ranks() {
    // Five top-level comments; "top" puts 40 (the fourth created) and 10 (the first) first.
    let all = IssoPage {
        total_replies: 6,
        hidden_replies: 0,
        replies: vec![
            c(10, 1.0, None),
            c(20, 2.0, None),
            c(30, 3.0, None),
            c(40, 4.0, None),
            c(50, 5.0, None),
        ],
    };
    let ranks = Ranks::from_oldest(&all);
    let mut first = IssoPage {
        total_replies: 6,
        hidden_replies: 3,
        replies: vec![c(40, 4.0, None), c(10, 1.0, None)],
    };
    first.replies[0].replies = vec![c(41, 4.5, Some(40))];
    assert!(Ranks::needed(Sort::Top, &first));
    assert!(!Ranks::needed(Sort::Oldest, &first));
    let got = build_ranked(&first, Sort::Top, 0, Some(&ranks));
    let numbers: Vec<_> = got.iter().map(|c| c.number.as_deref()).collect();
    assert_eq!(numbers, vec![Some("4"), Some("1")]);
    // Replies continue their parent's number.
    assert_eq!(got[0].replies[0].number.as_deref(), Some("4.1"));
    // A comment newer than the list has no number rather than a wrong one.
    let newer = IssoPage {
        total_replies: 7,
        hidden_replies: 0,
        replies: vec![c(60, 6.0, None)],
    };
    assert_eq!(
        build_ranked(&newer, Sort::Top, 5, Some(&ranks))[0].number,
        None
    );
    // The ranks never renumber an order that numbers itself.
    let oldest = IssoPage {
        total_replies: 6,
        hidden_replies: 3,
        replies: vec![c(10, 1.0, None), c(20, 2.0, None)],
    };
    let n: Vec<_> = build_ranked(&oldest, Sort::Oldest, 0, Some(&Ranks::default()))
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(n, vec![Some("1".into()), Some("2".into())]);
    // A whole first page needs none, nor a thread past RANKS_MAX.
    assert!(!Ranks::needed(Sort::Top, &all));
    let huge = IssoPage {
        total_replies: RANKS_MAX + 10,
        hidden_replies: RANKS_MAX,
        replies: vec![c(10, 1.0, None)],
    };
    assert!(!Ranks::needed(Sort::Top, &huge));
}

#[test]
fn later_pages_chain_without_gaps_or_repeats() {
    let page = |ids: &[u64], hidden: u32| IssoPage {
        total_replies: 10,
        hidden_replies: hidden,
        replies: ids.iter().map(|&i| c(i, i as f64, None)).collect(),
    };
    let head = ThreadPage::new(&page(&[1, 2], 4), Sort::Oldest, 0);
    assert_eq!(head.next_offset(), Some(2));
    let second = ThreadPage::new(&page(&[3, 4], 2), Sort::Oldest, 2);
    // A new comment shifted the offsets: 4 comes again on the third page.
    let third = ThreadPage::new(&page(&[4, 5], 0), Sort::Oldest, 4);
    let other_sort = ThreadPage::new(&page(&[9, 8], 2), Sort::Newest, 2);
    let gap = ThreadPage::new(&page(&[7], 0), Sort::Oldest, 7);
    // Arrival order does not matter; the numbering was done once, on arrival.
    let got = chain_pages(&head, &[third.clone(), gap, other_sort, second.clone()]);
    let ids: Vec<Vec<u64>> = got
        .iter()
        .map(|p| p.comments.iter().map(|c| c.id).collect())
        .collect();
    assert_eq!(ids, vec![vec![3, 4], vec![5]]);
    assert_eq!(got[1].comments[0].number.as_deref(), Some("6"));
    assert_eq!(got[1].next_offset(), None);
    // An untouched page is the same list, not a copy.
    assert!(std::sync::Arc::ptr_eq(&got[0].comments, &second.comments));
    assert_ne!(got[1].key(), third.key());
    // Without the page in between, nothing follows the head.
    assert!(chain_pages(&head, &[third]).is_empty());
}

#[test]
fn huge_offsets_and_counts_do_not_overflow() {
    // Found by tests/props.rs: these sums overflowed (a panic in debug builds).
    let page = IssoPage {
        total_replies: 0,
        hidden_replies: u32::MAX - 1,
        replies: vec![c(1, 1.0, None), c(2, 2.0, None)],
    };
    assert_eq!(top_level_total(&page, 5), u32::MAX);
    let got = build_page(&page, Sort::Oldest, u32::MAX - 1);
    assert_eq!(
        got[0].number.as_deref(),
        Some(u32::MAX.to_string().as_str())
    );
    assert_eq!(got[1].number, None, "past u32 there is no number");
    assert_eq!(top_level_number(Sort::Newest, u32::MAX, 1, 9), None);
    let more = build_replies(
        &[c(9, 9.0, Some(1)), c(10, 9.0, Some(1))],
        Some("1"),
        u32::MAX - 1,
    );
    assert_eq!(
        more[0].number.as_deref(),
        Some(format!("1.{}", u32::MAX).as_str())
    );
    assert_eq!(more[1].number, None);
}

#[test]
fn repeated_ids_still_get_numbers_of_their_own() {
    // Found by tests/props.rs: under "top" the creation rank was looked up by id, so two
    // comments with one id shared a number.
    let page = IssoPage {
        total_replies: 3,
        hidden_replies: 0,
        replies: vec![c(7, 5.0, None), c(7, 1.0, None), c(3, 3.0, None)],
    };
    let got: Vec<_> = build_page(&page, Sort::Top, 0)
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(
        got,
        vec![Some("3".into()), Some("1".into()), Some("2".into())]
    );
    assert_eq!(
        number_by_creation(&[(7, 5.0), (7, 1.0), (3, 3.0)]),
        vec![(7, 1), (3, 2), (7, 3)]
    );
}

#[test]
fn sort_round_trips_through_the_url() {
    for s in Sort::ALL {
        assert_eq!(Sort::from_query(Some(s.query())), s);
    }
    assert_eq!(Sort::from_query(Some("bogus")), Sort::Oldest);
    assert_eq!(Sort::from_query(None), Sort::Oldest);
    assert_eq!(Sort::Top.isso(), "upvotes");
}

#[test]
fn draft_keys_are_per_thread_and_parent() {
    let a = draft_key("/2026/11/a", None);
    let b = draft_key("/2026/11/a", Some(3));
    let c2 = draft_key("/2026/11/b", None);
    let d = draft_key("/2026/11/a", Some(4));
    let all = [&a, &b, &c2, &d];
    for (i, x) in all.iter().enumerate() {
        for y in &all[i + 1..] {
            assert_ne!(x, y);
        }
    }
    assert_eq!(draft_key("/2026/11/a", Some(3)), b);
    assert_ne!(own_key("/2026/11/a"), a);
}

#[test]
fn hostile_author_and_website_stay_text_and_links_stay_http() {
    let mut h = c(1, 1.0, None);
    h.author = Some("&lt;img src=x onerror=alert(1)&gt;".into());
    h.website = Some("javascript:alert(1)".into());
    let built = Comment::from_isso(&h, None);
    assert_eq!(
        built.author.as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert_eq!(built.website, None);
    h.website = Some("JAVASCRIPT&#58;alert(1)".into());
    assert_eq!(Comment::from_isso(&h, None).website, None);
    h.website = Some("data:text/html,x".into());
    assert_eq!(Comment::from_isso(&h, None).website, None);
    h.website = Some("https://ok.example/".into());
    assert_eq!(
        Comment::from_isso(&h, None).website.as_deref(),
        Some("https://ok.example/")
    );
    h.author = Some("   ".into());
    assert_eq!(Comment::from_isso(&h, None).author, None);
}

#[test]
fn pending_own_comments_expire_or_give_way_to_published_ones() {
    let own = |id, saved_at| OwnComment {
        comment: c(id, saved_at, None),
        saved_at,
        editable_until: None,
    };
    let list = vec![
        own(1, 1000.0),
        own(2, 1000.0 + PENDING_TTL_SECS),
        own(3, 5000.0),
    ];
    let now = 1000.0 + PENDING_TTL_SECS + 10.0;
    let live: Vec<u64> = live_pending(&list, now, &[3])
        .iter()
        .map(|o| o.comment.id)
        .collect();
    assert_eq!(live, vec![2]);
}

#[test]
fn edit_windows_and_what_storage_keeps() {
    assert_eq!(
        cookie_max_age("isso-23=abc.def; Expires=Sat, 28 Nov 2026 18:40:00 GMT; Max-Age=900; Path=/; SameSite=Lax"),
        Some(900.0)
    );
    assert_eq!(cookie_max_age("isso-23=abc; path=/"), None);
    // Whole seconds only, as RFC 6265 writes them; a negative one (expire now) is kept.
    assert_eq!(cookie_max_age("a=b; max-age = 0"), Some(0.0));
    assert_eq!(cookie_max_age("a=b; Max-Age=-1"), Some(-1.0));
    assert_eq!(cookie_max_age("a=b; Max-Age=900.5"), None);
    assert_eq!(cookie_max_age("a=b; Max-Age=NaN"), None);
    assert_eq!(countdown(845), "14:05");
    assert_eq!(countdown(59), "0:59");
    let mut pending = c(1, 0.0, None);
    pending.mode = MODE_PENDING;
    let published = c(2, 0.0, None);
    let own = |comment: IssoComment, editable_until| OwnComment {
        comment,
        saved_at: 1000.0,
        editable_until,
    };
    let list = vec![
        own(pending.clone(), Some(1900.0)),
        own(published.clone(), Some(1900.0)),
        own(published, None),
    ];
    assert_eq!(list[0].edit_seconds_left(1000.0), Some(900));
    assert_eq!(list[0].edit_seconds_left(1899.5), None);
    // Inside the window both stay; after it only the pending one does, until published.
    assert_eq!(own_to_keep(&list, 1500.0, &[]).len(), 2);
    assert_eq!(own_to_keep(&list, 2000.0, &[]).len(), 1);
    assert_eq!(own_to_keep(&list, 2000.0, &[1]).len(), 0);
}

#[test]
fn form_fields_become_the_request_body() {
    let body = NewComment::from_form("Hello there", "  ", "", " https://x.org ", Some(3), "T");
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"text":"Hello there","website":"https://x.org","parent":3,"title":"T"})
    );
}

#[test]
fn iso_times() {
    assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_utc(1_795_889_931.17), "2026-11-28T18:18:51Z");
}

#[test]
fn relative_buckets() {
    assert_eq!(relative_bucket(100.0, 90.0), (0, TimeUnit::Second));
    assert_eq!(relative_bucket(100.0, 200.0), (0, TimeUnit::Second));
    assert_eq!(relative_bucket(4000.0, 0.0), (-1, TimeUnit::Hour));
    assert_eq!(relative_bucket(180.0, 0.0), (-3, TimeUnit::Minute));
    assert_eq!(relative_bucket(86_400.0 * 3.0, 0.0), (-3, TimeUnit::Day));
    assert_eq!(relative_bucket(86_400.0 * 65.0, 0.0), (-2, TimeUnit::Month));
    assert_eq!(relative_bucket(86_400.0 * 800.0, 0.0), (-2, TimeUnit::Year));
}

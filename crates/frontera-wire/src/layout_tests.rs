//! The route grammar's unit tests (`layout.rs`); the property tests are in `tests/props/`.

use super::*;

fn post() -> Route {
    Route::Post {
        year: 2022,
        month: 2,
        slug: "night-crossing".into(),
    }
}

#[test]
fn paths_and_docs() {
    assert_eq!(Route::Home { page: 1 }.path(), "/");
    assert_eq!(Route::Home { page: 3 }.path(), "/page/3");
    assert_eq!(Route::Home { page: 3 }.data_doc(), "home/3.json");
    assert_eq!(post().path(), "/2022/02/night-crossing");
    assert_eq!(post().data_doc(), "posts/2022/02/night-crossing.json");
    let m = Route::Month {
        year: 2021,
        month: 11,
        page: 2,
    };
    assert_eq!(m.path(), "/archive/2021/11/page/2");
    assert_eq!(m.data_doc(), "archive/2021/11/2.json");
    let l = Route::Label {
        slug: "aduana".into(),
        page: 1,
    };
    assert_eq!(l.path(), "/label/aduana");
    assert_eq!(l.data_doc(), "labels/aduana/1.json");
    assert_eq!(Route::Archive.data_doc(), ARCHIVE_INDEX);
    let p = Route::Page {
        slug: "about".into(),
    };
    assert_eq!(p.path(), "/p/about");
    assert_eq!(p.data_doc(), "pages/about.json");
    assert_eq!(Route::from_data_doc("pages/about.json"), Some(p));
    // The pages index is no page's document, whatever slugs the pages have.
    assert_eq!(Route::from_data_doc(PAGE_INDEX), None);
}

#[test]
fn parse_is_the_inverse_of_path() {
    for r in [
        Route::Home { page: 1 },
        Route::Home { page: 12 },
        post(),
        Route::Archive,
        Route::Month {
            year: 2024,
            month: 12,
            page: 1,
        },
        Route::Month {
            year: 2024,
            month: 1,
            page: 7,
        },
        Route::Label {
            slug: "puente-2".into(),
            page: 1,
        },
        Route::Label {
            slug: "puente-2".into(),
            page: 4,
        },
        Route::Page {
            slug: "send-us-a-tip".into(),
        },
    ] {
        assert_eq!(Route::parse(&r.path()), Some(r.clone()), "{}", r.path());
    }
}

#[test]
fn parse_accepts_blogger_suffix_and_trailing_slash() {
    assert_eq!(Route::parse("/2022/02/night-crossing.html"), Some(post()));
    assert_eq!(Route::parse("/2022/02/night-crossing/"), Some(post()));
    assert_eq!(Route::parse("/archive/?x=1"), Some(Route::Archive));
    let about = Some(Route::Page {
        slug: "about".into(),
    });
    assert_eq!(Route::parse("/p/about.html"), about);
    assert_eq!(Route::parse("/p/about/"), about);
}

#[test]
fn parse_rejects_garbage() {
    for bad in [
        "/page/0",
        "/page/01",
        "/page/-1",
        "/page/x",
        "/2022/13/a",
        "/2022/2/a",
        "/22/02/a",
        "/2022/02/Upper",
        "/2022/02/a..b",
        "/label/../etc",
        "/archive/2022",
        "/a/b/c/d/e",
        "/2022/02/-a",
        "/p",
        "/p/",
        "/p/About",
        "/p/a/b",
        "/p/.html",
    ] {
        assert_eq!(Route::parse(bad), None, "{bad}");
    }
}

#[test]
fn resolves_relative_references() {
    assert_eq!(resolve("data/home/1.json", "2.json"), "data/home/2.json");
    assert_eq!(
        resolve("/data/archive/index.json", "2024/03/1.json"),
        "/data/archive/2024/03/1.json"
    );
    assert_eq!(
        resolve("/data/home/1.json", "../labels/x/1.json"),
        "/data/labels/x/1.json"
    );
    assert_eq!(
        resolve("https://a.example/f/feed.json", "?page=2"),
        "https://a.example/f/?page=2"
    );
    assert_eq!(
        resolve("https://a.example/f/feed.json", "/g/2.json"),
        "https://a.example/g/2.json"
    );
    assert_eq!(
        resolve("x/feed.json", "https://b.example/2"),
        "https://b.example/2"
    );
    assert_eq!(
        resolve("https://a.example", "feed.json"),
        "https://a.example/feed.json"
    );
}

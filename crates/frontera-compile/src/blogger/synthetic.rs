//! A large made-up Blogger export for measuring `import-blogger` (`frontera-compile
//! synthetic-blogger`, hidden): `posts` posts over the years before 2026, each with a body of
//! a few paragraphs, an image and labels, and `comments` comments spread over them, every
//! third one a reply.

use std::io::{self, Write};

const LABELS: [&str; 12] = [
    "Garita Vieja",
    "Educación",
    "Agua",
    "Puente del Sol",
    "Calle Aduana",
    "Lluvias y crecidas",
    "Ocaso Wells",
    "Puerto Ocaso",
    "Elecciones",
    "Deportes",
    "Cultura",
    "Salud",
];

/// Writes the export to `out`.
pub fn write(out: &mut impl Write, posts: usize, comments: usize) -> io::Result<()> {
    let blog = "tag:blogger.com,1999:blog-9000";
    writeln!(
        out,
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' \
         xmlns:thr='http://purl.org/syndication/thread/1.0' \
         xmlns:gd='http://schemas.google.com/g/2005'>\n<id>{blog}</id>\n\
         <title type='text'>Synthetic border blog</title>\n\
         <link rel='alternate' type='text/html' href='https://synthetic.blogspot.com/'/>\n\
         <generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
    )?;
    let kind = |k: &str| {
        format!("<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#{k}'/>")
    };
    let (post_kind, comment_kind) = (kind("post"), kind("comment"));
    // Post i is published (i * 6) hours before 2026-01-01 (at -07:00).
    let date = |hours_back: usize, minute: usize| {
        let days = crate::date::days_from_civil(2026, 1, 1) - (hours_back / 24) as i64 - 1;
        let (y, m, d) = crate::date::civil_from_days(days);
        (
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{minute:02}:00.000-07:00",
                23 - hours_back % 24
            ),
            (y, m),
        )
    };
    for i in 0..posts {
        let (published, (y, m)) = date(i * 6, 5);
        let labels: String = (0..3)
            .map(|k| LABELS[(i * 7 + k * 5) % LABELS.len()])
            .map(|l| format!("<category scheme='http://www.blogger.com/atom/ns#' term='{l}'/>"))
            .collect();
        writeln!(
            out,
            "<entry><id>{blog}.post-{i}</id><published>{published}</published>\
             <updated>{published}</updated>{post_kind}{labels}\
             <title type='text'>Report number {i} from the line</title>\
             <content type='html'>&lt;div&gt;&lt;img src=\"https://img.example/{i}.jpg\" /&gt;&lt;/div&gt;\
             &lt;div&gt;Crossing times at the Garita Vieja were long again on report {i}, and \
             vendors on Calle Aduana said business was slow.&lt;/div&gt;&lt;div&gt;&lt;br /&gt;&lt;/div&gt;\
             &lt;div&gt;En Puerto Ocaso, el cabildo discutió el agua, la escuela y el puente. \
             &lt;b&gt;Más detalles&lt;/b&gt; en la próxima edición.&lt;/div&gt;</content>\
             <link rel='alternate' type='text/html' href='https://synthetic.blogspot.com/{y:04}/{m:02}/report-{i}.html'/>\
             <author><name>Reporter {}</name></author></entry>",
            i % 9
        )?;
    }
    for c in 0..comments {
        let post = c % posts.max(1);
        let round = c / posts.max(1);
        let (published, _) = date(post * 6, 0);
        // Later rounds are later in the day of the post's date … as minutes keep them apart.
        let published = published.replacen(
            ":00:00.000",
            &format!(":{:02}:{:02}.000", round % 60, round / 60 % 60),
            1,
        );
        let related = if round % 3 == 2 {
            format!(
                "<link rel='related' href='https://www.blogger.com/feeds/9000/{post}/comments/default/{}'/>",
                c - posts
            )
        } else {
            String::new()
        };
        let author = if c % 4 == 0 {
            "Anonymous".to_string()
        } else {
            format!("Reader {}", c % 997)
        };
        writeln!(
            out,
            "<entry><id>{blog}.post-{}</id><published>{published}</published>{comment_kind}\
             <title type='text'>Comment</title><content type='html'>Comment {c}: the line was long \
             &lt;br /&gt;and slow.</content>{related}<author><name>{author}</name></author>\
             <thr:in-reply-to ref='{blog}.post-{post}' type='text/html'/></entry>",
            posts + c
        )?;
    }
    writeln!(out, "</feed>")
}

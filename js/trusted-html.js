
// ---- Frontera (js/trusted-html.js) -------------------------------------------------------------
// Trusted Types (issue 14): the CSP that scripts/postbuild.mjs writes says
// `require-trusted-types-for 'script'`, so a string assigned to innerHTML throws. The one
// component that shows untrusted HTML (src/components/safe_html.rs) calls fronteraSetHtml, which
// assigns only TrustedHTML: DOMPurify's own output (RETURN_TRUSTED_TYPE, policy "dompurify"), or,
// for the comments that are only paragraphs and line breaks of plain text, the "frontera"
// policy, which re-checks that rule itself and throws on anything else.
//
// Leptos itself has one HTML sink: it builds the static parts of our own `view!` templates from
// an HTML string put into a <template> (tachys' create_element_from_html), once per template.
// Those strings are compiled into the wasm, but the browser cannot tell, so they go through the
// "default" policy below, which lets a string through unchanged only if DOMPurify (a second
// instance, HTML and SVG profiles) finds nothing to remove in it: no script, no event handler
// attribute, no javascript: URL. Anything else is refused and reported as a CSP violation.
// Its one script URL is Pagefind's search worker (src/api/search.rs).

// The tags allowed; what is left once they are taken out must have no < or >. (Linear: a regular
// expression of the whole rule, `^(?:[^<>]|<p>|…)*$`, overflows V8's stack on a 10 MB comment.)
const FRONTERA_TAGS = /<p>|<\/p>|<br>|<br\/>|<br \/>/g;
const fronteraIsPlain = (html) => !/[<>]/.test(html.replace(FRONTERA_TAGS, ''));
let fronteraPolicy;

function fronteraPlain(html) {
	if (!fronteraIsPlain(html)) throw new TypeError('frontera: not plain paragraphs');
	if (fronteraPolicy === undefined) {
		fronteraPolicy = globalThis.trustedTypes
			? globalThis.trustedTypes.createPolicy('frontera', {
					createHTML: (s) => {
						if (!fronteraIsPlain(s)) throw new TypeError('frontera: not plain paragraphs');
						return s;
					},
				})
			: null;
	}
	return fronteraPolicy ? fronteraPolicy.createHTML(html) : html;
}

// Sets `el`'s content to `html`: as it is when `plain` (the caller checked the plain-paragraph
// rule), else sanitised, with relative URLs resolved against `base` when given.
export function fronteraSetHtml(purify, el, html, base, plain) {
	el.innerHTML = plain ? fronteraPlain(html) : fronteraSanitizeAt(purify, html, base);
}

let fronteraWarmDefault = () => {};

// Runs the "default" policy's first (slowest) check now, when nothing waits for it.
export function fronteraWarmChecks() {
	fronteraWarmDefault();
	fronteraWarmDefault = () => {};
}

// The "default" policy (see the top of this file). It parses through "frontera-check", a policy
// only this closure can reach, because DOMPurify's parsing is itself a Trusted Types sink.
(function fronteraDefaultPolicy(tt) {
	if (!tt || !tt.createPolicy) return;
	const parse = tt.createPolicy('frontera-check', { createHTML: (s) => s, createScriptURL: (s) => s });
	const checker = purify_default(globalThis);
	// Set once: a configuration passed with each call is parsed again each time.
	checker.setConfig({
		USE_PROFILES: { html: true, svg: true },
		TRUSTED_TYPES_POLICY: parse,
		RETURN_TRUSTED_TYPE: false,
	});
	// The first check costs ~10 ms on a slow phone (DOMPurify's first run); the comments
	// section runs it while its first page is on the network (fronteraWarmChecks).
	fronteraWarmDefault = () => checker.sanitize('<span aria-hidden="true">x</span>');
	tt.createPolicy('default', {
		createHTML: (html) => {
			checker.sanitize(html);
			// null: the browser refuses the assignment and reports a violation.
			return checker.removed.length ? null : html;
		},
		// The one script URL the page loads outside the import map: Pagefind's search worker
		// (`new Worker(url)`), from this origin's pagefind/ folder only.
		createScriptURL: (url) => {
			const u = new URL(url, document.baseURI);
			const ours = u.origin === location.origin && /\/pagefind\/[a-z]{2,3}(-\d+)?\/pagefind-worker\.js$/.test(u.pathname);
			return ours ? url : null;
		},
	});
})(globalThis.trustedTypes);

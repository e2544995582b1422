/// The site's one stylesheet: readable type, good contrast (text #1a1a1a on #fff, links #0b4f8a: 8:1), no JavaScript.
enum Stylesheet {
    /// The stylesheet as a cacheable response body.
    static let page = RenderedPage(body: Array(css.utf8), lastModified: nil, contentType: "text/css; charset=utf-8")

    static let css = """
    :root{--ink:#1a1a1a;--muted:#4a4a4a;--rule:#d9d9d9;--accent:#0b4f8a;--paper:#fff;--tint:#f4f1ea}
    *{box-sizing:border-box}
    html{font-size:100%;-webkit-text-size-adjust:100%}
    body{margin:0;color:var(--ink);background:var(--paper);font:1.0625rem/1.6 Georgia,"DejaVu Serif",serif}
    a{color:var(--accent)}a:hover,a:focus{text-decoration-thickness:2px}
    :focus-visible{outline:3px solid #c25e00;outline-offset:2px}
    .wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
    .skip{position:absolute;left:-999px;top:0;background:#000;color:#fff;padding:.5rem 1rem;z-index:10}
    .skip:focus{left:1rem}
    .visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    .masthead{border-bottom:3px double var(--ink);margin-bottom:1.5rem}
    .site-name{font:700 2.25rem/1.1 Georgia,"DejaVu Serif",serif;margin:1rem 0 .5rem;letter-spacing:-.02em}
    .site-name a{color:var(--ink);text-decoration:none}
    nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
    .masthead nav{font:600 .95rem/1.4 system-ui,"DejaVu Sans",sans-serif;padding:.5rem 0 .75rem}
    .masthead nav a{color:var(--ink);text-decoration:none}
    .masthead nav a[aria-current]{border-bottom:3px solid var(--accent)}
    .kicker{font:700 .8rem/1.3 system-ui,"DejaVu Sans",sans-serif;text-transform:uppercase;letter-spacing:.06em;margin:0 0 .25rem;color:var(--muted)}
    .kicker a{text-decoration:none}
    h1,h2,h3{line-height:1.2;letter-spacing:-.01em}
    .dek{color:var(--muted);font-size:1.1rem;margin:.25rem 0 .5rem}
    .meta,.dateline,.byline{font:.9rem/1.5 system-ui,"DejaVu Sans",sans-serif;color:var(--muted)}
    .byline p{margin:0}.byline a{color:var(--ink);font-weight:600}
    .stories{list-style:none;margin:0;padding:0}
    .story{padding:.75rem 0;border-top:1px solid var(--rule)}
    .story-headline{font-size:1.2rem;margin:0 0 .25rem}
    .story-headline a{color:var(--ink);text-decoration:none}.story-headline a:hover{text-decoration:underline}
    .lead{padding-bottom:1.25rem;border-bottom:1px solid var(--rule);margin-bottom:1rem}
    .lead-headline{font-size:clamp(1.8rem,4vw,2.75rem);margin:.25rem 0}.lead-headline a{color:var(--ink);text-decoration:none}
    .section-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:1.5rem 2rem}
    .section-block h2{font-size:1.1rem;text-transform:uppercase;letter-spacing:.05em;border-bottom:2px solid var(--ink);padding-bottom:.25rem}
    .section-block h2 a{color:var(--ink);text-decoration:none}
    .article{max-width:42rem;margin:0 auto}
    .article h1{font-size:clamp(1.9rem,4.5vw,2.8rem);margin:.25rem 0 .5rem}
    .article-body{font-size:1.15rem}.article-body p{margin:0 0 1.1rem}
    .article-body blockquote{margin:1.5rem 0;padding-left:1rem;border-left:4px solid var(--accent);color:var(--muted)}
    .lead-image{margin:1rem 0}.lead-image img{max-width:100%;height:auto}
    .lead-image figcaption{font:.85rem/1.4 system-ui,"DejaVu Sans",sans-serif;color:var(--muted)}
    .tags{margin:2rem 0 1rem}.tags ul{gap:.5rem}
    .tags a{display:inline-block;padding:.2rem .7rem;border:1px solid var(--accent);border-radius:1rem;text-decoration:none;
      font:.85rem/1.4 system-ui,"DejaVu Sans",sans-serif}
    .related{max-width:42rem;margin:2rem auto;padding:1rem 1.25rem;background:var(--tint)}
    .related h2{font-size:1.2rem;margin:0 0 .5rem}
    .compact .story-headline{font-size:1.05rem}
    .reason{font:.8rem/1.4 system-ui,"DejaVu Sans",sans-serif;color:var(--muted);margin:0}
    .list-header{border-bottom:2px solid var(--ink);margin-bottom:.5rem}
    .pagination{margin:1.5rem 0;font:.95rem system-ui,"DejaVu Sans",sans-serif}.pagination ul{gap:1rem}
    .search-form{margin:.75rem 0;font:.95rem/1.6 system-ui,"DejaVu Sans",sans-serif}.search-form input,.search-form select{font:inherit}
    .search-layout{display:grid;grid-template-columns:minmax(0,1fr) 15rem;gap:0 2.5rem;align-items:start}
    .snippet{margin:.25rem 0 0}.snippet mark{background:#fff1a6;color:inherit;padding:0 .1em}
    .suggestion{font-size:1.1rem}
    .facets{font:.9rem/1.5 system-ui,"DejaVu Sans",sans-serif;border-left:1px solid var(--rule);padding-left:1.25rem}
    .facets h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:.75rem 0 .25rem}
    .facets ul{list-style:none;margin:0;padding:0}.facets li{margin:.1rem 0}.facets .count{color:var(--muted)}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;font:.95rem/1.5 system-ui,"DejaVu Sans",sans-serif}
    .facts dt{font-weight:700}.facts dd{margin:0}
    .error-page{max-width:36rem;margin:3rem auto}
    .site-footer{margin-top:3rem;border-top:1px solid var(--rule);padding:1rem 0;font:.85rem system-ui,"DejaVu Sans",sans-serif;color:var(--muted)}
    @media (max-width:48rem){.search-layout{grid-template-columns:1fr}
      .facets{border-left:0;padding-left:0;border-top:1px solid var(--rule);margin-top:1rem}}
    @media (max-width:40rem){.site-name{font-size:1.75rem}body{font-size:1rem}}
    """
}

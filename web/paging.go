package web

import (
	"net/url"
	"strconv"
)

// Every list pages the same way: ?page=N (1 to maxPage, pageNumber), a
// pager under the table with the rows shown, the total, and links to the
// first, the last and the pages around the current one (the "pager"
// template in templates/layout/pager.html reads .Data.Pager).

// pageLink is one link of the pager; Gap stands for the pages left out.
type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// pager is the pager of one list page.
type pager struct {
	Links      []pageLink
	Prev, Next string
	First      int // number of the first row shown (0: none)
	Last       int
	Pages      int
	Total      int
	Unit       string // what a row is (个, 条), for the line under the table
}

// offset is the first row of page for a list of perPage rows a page.
func offset(page, perPage int) int { return (max(page, 1) - 1) * perPage }

// newPager makes the pager of page (of perPage rows) of a list of total
// rows at path with the query v.
func newPager(path string, v url.Values, page, perPage, total int) pager {
	pages := max((total+perPage-1)/perPage, 1)
	page = min(max(page, 1), pages)
	link := func(n int) string {
		w := url.Values{}
		for k, vs := range v {
			if k != "page" {
				w[k] = vs
			}
		}
		if n > 1 {
			w.Set("page", strconv.Itoa(n))
		}
		if len(w) == 0 {
			return path
		}
		return path + "?" + w.Encode()
	}
	p := pager{Pages: pages, Total: total, First: offset(page, perPage) + 1, Last: min(page*perPage, total)}
	if total == 0 {
		p.First = 0
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	gap := false
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= page-2 && n <= page+2) {
			p.Links = append(p.Links, pageLink{N: n, URL: link(n), Current: n == page})
			gap = false
		} else if !gap {
			p.Links = append(p.Links, pageLink{Gap: true})
			gap = true
		}
	}
	return p
}

package tagging

import (
	"reflect"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestDocument: an article stored without plain text (a feed item's HTML
// content) is tagged from its HTML, and a caption repeated (an image
// gallery, alt text and caption) counts once, as extraction counts it.
func TestDocument(t *testing.T) {
	a := store.Article{Title: "Austausch", BodyHTML: `<p>Eine Delegation aus Betaburg war zu Gast.</p>` +
		`<figure><img src="a.jpg" alt="Gäste aus Betaburg"><figcaption>Gäste aus Betaburg</figcaption></figure>`,
		Images: []store.Image{{URL: "a.jpg", Caption: "Gäste aus Betaburg"}, {URL: "b.jpg", Caption: "Gäste aus Betaburg"},
			{URL: "c.jpg"}, {URL: "d.jpg", Caption: "Rathaus"}}}
	d := Document(a)
	if d.Body != "Eine Delegation aus Betaburg war zu Gast." || !reflect.DeepEqual(d.Captions, []string{"Gäste aus Betaburg", "Rathaus"}) {
		t.Errorf("document %+v", d)
	}
	a.BodyText = "Text"
	if d := Document(a); d.Body != "Text" {
		t.Errorf("the stored text is not used: %q", d.Body)
	}
}

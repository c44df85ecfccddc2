package digest

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	texttemplate "text/template"
)

//go:embed templates/*
var embedded embed.FS

// templates are the mail templates: embedded, each replaceable by a file of the
// same name in email.templates.
type templates struct {
	html map[string]*htmltemplate.Template // digest.html, confirm.html
	text map[string]*texttemplate.Template // digest.txt, confirm.txt
}

func loadTemplates(dir string) (*templates, error) {
	t := &templates{html: map[string]*htmltemplate.Template{}, text: map[string]*texttemplate.Template{}}
	for _, name := range []string{"digest", "confirm"} {
		src, err := templateSource(dir, name+".html")
		if err != nil {
			return nil, err
		}
		h, err := htmltemplate.New(name + ".html").Option("missingkey=zero").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("digest: template %s.html: %w", name, err)
		}
		if src, err = templateSource(dir, name+".txt"); err != nil {
			return nil, err
		}
		x, err := texttemplate.New(name + ".txt").Option("missingkey=zero").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("digest: template %s.txt: %w", name, err)
		}
		t.html[name], t.text[name] = h, x
	}
	return t, nil
}

func templateSource(dir, file string) (string, error) {
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("digest: template: %w", err)
		}
	}
	b, err := embedded.ReadFile("templates/" + file)
	if err != nil {
		return "", fmt.Errorf("digest: template: %w", err)
	}
	return string(b), nil
}

// render executes both templates of name with data.
func (t *templates) render(name string, data any) (text, html string, err error) {
	var tb, hb bytes.Buffer
	if err := t.text[name].Execute(&tb, data); err != nil {
		return "", "", fmt.Errorf("digest: render %s.txt: %w", name, err)
	}
	if err := t.html[name].Execute(&hb, data); err != nil {
		return "", "", fmt.Errorf("digest: render %s.html: %w", name, err)
	}
	return tb.String(), hb.String(), nil
}

package telegramtest

import (
	"io"
	"net/http"
	"net/url"
)

// maxUpload is the largest file a bot may upload (Bot API: 50 MB).
const maxUpload = 50 << 20

// Document is a file the bot sent with sendDocument.
type Document struct {
	FileName string // as uploaded ("" for a URL)
	MIME     string // the part's Content-Type
	Data     []byte // the uploaded bytes
	URL      string // when sent by HTTP URL instead of an upload
}

// readDocument takes sendDocument's document from a request like Telegram:
// a multipart file upload, or an HTTP URL for Telegram to fetch. It returns
// Telegram's error description when there is none or it is unusable.
func readDocument(r *http.Request, p params) (Document, string) {
	if r.MultipartForm != nil {
		if files := r.MultipartForm.File["document"]; len(files) > 0 {
			fh := files[0]
			if fh.Size == 0 {
				return Document{}, "Bad Request: file must be non-empty"
			}
			if fh.Size > maxUpload {
				return Document{}, "Request Entity Too Large"
			}
			file, err := fh.Open()
			if err != nil {
				return Document{}, "Bad Request: can't read the file"
			}
			defer file.Close()
			data, err := io.ReadAll(file)
			if err != nil {
				return Document{}, "Bad Request: can't read the file"
			}
			return Document{FileName: fh.Filename, MIME: fh.Header.Get("Content-Type"), Data: data}, ""
		}
	}
	ref := p["document"]
	if ref == "" {
		return Document{}, "Bad Request: there is no document in the request"
	}
	// A string is a file_id of a file Telegram already has (the fake has
	// none) or an HTTP URL.
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return Document{URL: ref}, ""
	}
	return Document{}, "Bad Request: wrong file identifier/HTTP URL specified"
}

package activitypub

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Activity is what the inbox reads of an incoming activity.
type Activity struct {
	ID    string
	Type  string
	Actor string
	// Object is the id of the object (a URL), whether it came as a string
	// or embedded; ObjectType is the embedded object's type.
	Object     string
	ObjectType string
	// ObjectActor and ObjectObject are an embedded activity's actor and
	// object (the Follow inside an Undo).
	ObjectActor  string
	ObjectObject string
}

// ParseActivity reads an activity from JSON (JSON-LD compacted as servers
// send it: actor and object as an id or an embedded object).
func ParseActivity(b []byte) (Activity, error) {
	var raw struct {
		ID     string          `json:"id"`
		Type   json.RawMessage `json:"type"`
		Actor  json.RawMessage `json:"actor"`
		Object json.RawMessage `json:"object"`
	}
	var a Activity
	if err := json.Unmarshal(b, &raw); err != nil {
		return a, fmt.Errorf("activitypub: activity: %w", err)
	}
	a.ID = raw.ID
	a.Type = typeOf(raw.Type)
	a.Actor = idOf(raw.Actor)
	if a.Type == "" || a.Actor == "" {
		return a, errors.New("activitypub: activity without type or actor")
	}
	a.Object = idOf(raw.Object)
	var obj struct {
		Type   json.RawMessage `json:"type"`
		Actor  json.RawMessage `json:"actor"`
		Object json.RawMessage `json:"object"`
	}
	if len(raw.Object) > 0 && raw.Object[0] == '{' && json.Unmarshal(raw.Object, &obj) == nil {
		a.ObjectType = typeOf(obj.Type)
		a.ObjectActor = idOf(obj.Actor)
		a.ObjectObject = idOf(obj.Object)
	}
	return a, nil
}

// idOf is the id of a JSON-LD node given as a string, an object with an
// id, or a list (its first element).
func idOf(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	var o struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(m, &o) == nil {
		return o.ID
	}
	var l []json.RawMessage
	if json.Unmarshal(m, &l) == nil && len(l) > 0 {
		return idOf(l[0])
	}
	return ""
}

// typeOf is a node's type ("Follow"), the first of a list of types.
func typeOf(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	var l []string
	if json.Unmarshal(m, &l) == nil && len(l) > 0 {
		return l[0]
	}
	return ""
}

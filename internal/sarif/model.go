package sarif

// Version and Schema identify the format in every log.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// SrcRoot is the uriBaseId of artifact URIs relative to the analysed root.
// GitHub code scanning resolves such URIs against the repository checkout.
const SrcRoot = "%SRCROOT%"

// Levels of a result or a rule's default configuration.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
	LevelNone    = "none"
)

// Log is a SARIF log file (§3.13).
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one invocation of one tool (§3.14).
type Run struct {
	Tool               Tool                        `json:"tool"`
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []Result                    `json:"results"`
	ColumnKind         string                      `json:"columnKind,omitempty"`
}

// Tool describes the analyzer (§3.18).
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool component that ran (§3.19).
type Driver struct {
	Name           string       `json:"name"`
	Version        string       `json:"version,omitempty"`
	InformationURI string       `json:"informationUri,omitempty"`
	Rules          []Descriptor `json:"rules"`
}

// Descriptor describes one rule (a reportingDescriptor, §3.49).
type Descriptor struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	ShortDescription     *Text           `json:"shortDescription,omitempty"`
	FullDescription      *Text           `json:"fullDescription,omitempty"`
	HelpURI              string          `json:"helpUri,omitempty"`
	Help                 *Text           `json:"help,omitempty"`
	DefaultConfiguration *Configuration  `json:"defaultConfiguration,omitempty"`
	Properties           *RuleProperties `json:"properties,omitempty"`
}

// Configuration is a rule's default configuration (§3.50).
type Configuration struct {
	Level string `json:"level,omitempty"`
}

// RuleProperties is the property bag of a rule. GitHub code scanning reads
// tags and, for rules tagged "security", security-severity.
type RuleProperties struct {
	Tags             []string `json:"tags,omitempty"`
	Precision        string   `json:"precision,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

// Text is a message or multiformatMessageString with plain text only.
type Text struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// Result is one finding (§3.27).
type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level,omitempty"`
	Message   Text       `json:"message"`
	Locations []Location `json:"locations,omitempty"`
	// RelatedLocations are further places a result points to (§3.27.22),
	// such as where inside a dependency the password grant is sent.
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
	// PartialFingerprints identify the result across commits (§3.27.17):
	// code scanning matches alerts by them rather than by line.
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

// Location is where a result is (§3.28).
type Location struct {
	ID               int              `json:"id,omitempty"` // among a result's related locations, from 1
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Text            `json:"message,omitempty"`
}

// PhysicalLocation is a region of an artifact (§3.29).
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation names a file, relative to a uriBaseId when it has one
// (§3.4).
type ArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a span of a text file (§3.30). It carries both the text
// properties (lines, and columns in the run's columnKind) and the byte
// properties, which SARIF allows together when they agree: viewers use the
// former, fix appliers can use the latter without re-decoding the file.
type Region struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

// Fix is a proposed change (§3.55).
type Fix struct {
	Description     *Text            `json:"description,omitempty"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the set of edits to one file (§3.56).
type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

// Replacement replaces DeletedRegion by InsertedContent (§3.57).
type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

// ArtifactContent is inserted text (§3.3).
type ArtifactContent struct {
	Text string `json:"text"`
}

{{/* Names and labels shared by every template. */}}
{{- define "assure.fullname" -}}
{{- printf "%s-%s" .Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "assure.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "assure.labels" -}}
{{ include "assure.selectorLabels" . }}
app.kubernetes.io/part-of: assure
app.kubernetes.io/component: {{ if .spec.gateway }}gateway{{ else }}service{{ end }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The gateway's and every service's --routes: package=dns:///host:port of every service,
whose headless Service resolves to every ready pod, so round_robin spreads the calls. */}}
{{- define "assure.routes" -}}
{{- $root := . -}}
{{- $routes := list -}}
{{- range $name, $spec := .Values.components -}}
{{- if not $spec.gateway -}}
{{- $routes = append $routes (printf "%s=dns:///%s:%v" $spec.package (include "assure.fullname" (dict "Release" $root.Release "component" $name)) $spec.grpcPort) -}}
{{- end -}}
{{- end -}}
{{- join "," $routes -}}
{{- end -}}

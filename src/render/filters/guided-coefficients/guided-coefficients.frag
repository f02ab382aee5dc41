// Second pass of the guided filter: the vertical box mean of the moments, then the
// per-window linear model alpha = a * I + b that best fits the mask (least squares,
// regularised by eps). Small eps follows image edges closely; large eps keeps the mask.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uMoments;   // horizontal means of (I, p, I*p, I*I)
uniform vec2 uGuideTexel;
uniform float uRadius;
uniform float uEps;

const int MAX_RADIUS = 6;

void main(void)
{
    vec4 sum = vec4(0.0);
    float count = 0.0;
    for (int i = -MAX_RADIUS; i <= MAX_RADIUS; i++) {
        float y = float(i);
        if (abs(y) > uRadius) continue;
        sum += texture(uMoments, clamp(vUv + vec2(0.0, y * uGuideTexel.y), 0.0, 1.0));
        count += 1.0;
    }
    vec4 mean = sum / count;
    float variance = max(mean.w - mean.x * mean.x, 0.0);
    float covariance = mean.z - mean.x * mean.y;
    float a = covariance / (variance + uEps);
    float b = mean.y - a * mean.x;
    finalColor = vec4(a, b, 0.0, 1.0);
}

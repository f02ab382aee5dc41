// One direction of a separable Gaussian blur over premultiplied colour. Runs on a
// downscaled copy, so a handful of taps gives a wide, smooth blur.
in vec2 vTextureCoord;

out vec4 finalColor;

uniform sampler2D uTexture;
uniform highp vec4 uInputSize;
uniform highp vec4 uInputClamp;
uniform vec2 uDirection;
uniform float uSigma;

const int MAX_RADIUS = 12;

void main(void)
{
    vec2 texel = uDirection * uInputSize.zw;
    float radius = min(ceil(3.0 * uSigma), float(MAX_RADIUS));
    float inverseTwoSigmaSquared = 0.5 / max(uSigma * uSigma, 1e-4);
    vec4 sum = vec4(0.0);
    float total = 0.0;
    for (int i = -MAX_RADIUS; i <= MAX_RADIUS; i++) {
        float x = float(i);
        if (abs(x) > radius) continue;
        float weight = exp(-x * x * inverseTwoSigmaSquared);
        vec2 uv = clamp(vTextureCoord + texel * x, uInputClamp.xy, uInputClamp.zw);
        sum += texture(uTexture, uv) * weight;
        total += weight;
    }
    finalColor = sum / total;
}

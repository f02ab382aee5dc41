// One direction of a separable Gaussian blur over premultiplied colour. Runs on a
// downscaled copy, so a handful of taps gives a wide, smooth blur. Each pair of
// neighbouring taps is one bilinear read placed between them (weights and offsets come
// from the CPU, normalised), and the loop runs only as far as the radius needs: software
// WebGL pays for every read and every loop turn.
in vec2 vTextureCoord;

out vec4 finalColor;

uniform sampler2D uTexture;
uniform highp vec4 uInputSize;
uniform highp vec4 uInputClamp;
uniform vec2 uDirection;
uniform int uPairs;          // tap pairs on each side of the centre
uniform float uWeights[7];   // [0]: centre; [k]: pair k, on each side
uniform float uOffsets[7];   // [k]: pair k's offset, in texels

void main(void)
{
    vec2 texel = uDirection * uInputSize.zw;
    vec4 sum = texture(uTexture, vTextureCoord) * uWeights[0];
    // A constant bound (GLSL ES 1.0 loops need one), left early: the condition is uniform.
    for (int k = 1; k <= 6; k++) {
        if (k > uPairs) break;
        vec2 offset = texel * uOffsets[k];
        sum += (texture(uTexture, clamp(vTextureCoord + offset, uInputClamp.xy, uInputClamp.zw))
            + texture(uTexture, clamp(vTextureCoord - offset, uInputClamp.xy, uInputClamp.zw))) * uWeights[k];
    }
    finalColor = sum;
}

// Writes the camera premultiplied by how surely each pixel is background. Blurring this
// and dividing by the blurred weight (normalised convolution) blurs the room without
// pulling the person's colours into it: no halo around the person.
in vec2 vTextureCoord;
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uTexture;
uniform sampler2D uMask;

void main(void)
{
    vec3 camera = texture(uTexture, vTextureCoord).rgb;
    float person = texture(uMask, vUv).r;
    // Pixels at least half person contribute nothing; edges fade in below that.
    float weight = clamp(1.0 - 2.0 * person, 0.0, 1.0);
    finalColor = vec4(camera * weight, weight);
}

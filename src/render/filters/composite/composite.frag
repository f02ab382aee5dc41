// Final composite at output size, in one pass: the person from the camera over a
// background built in layers: blurred room (if used), then colour, then image.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uCamera;    // camera frame (the filter's own input is an empty target)
uniform sampler2D uMask;      // person probability (.r), stretched over the frame
uniform sampler2D uBlurred;   // premultiplied by background weight, then blurred
uniform sampler2D uImage;     // background image, premultiplied alpha

uniform float uUseBlur;
uniform vec4 uColor;          // straight alpha; alpha 0 = no colour layer
uniform float uUseImage;
uniform vec4 uImageTransform; // image uv = vUv * xy + zw (cover / contain / fill)

void main(void)
{
    vec3 camera = texture(uCamera, vUv).rgb;
    float person = texture(uMask, vUv).r;

    vec3 background = vec3(0.0);
    if (uUseBlur > 0.5) {
        vec4 blurred = texture(uBlurred, vUv);
        // Normalised convolution: divide out the background weight. Where no background
        // is near (deep inside the person) the result is hidden by the person anyway.
        background = blurred.a > 1e-3 ? blurred.rgb / blurred.a : vec3(0.0);
    }
    background = mix(background, uColor.rgb, uColor.a);
    if (uUseImage > 0.5) {
        vec2 uv = vUv * uImageTransform.xy + uImageTransform.zw;
        vec2 inside = step(vec2(0.0), uv) * step(uv, vec2(1.0));
        vec4 image = texture(uImage, clamp(uv, 0.0, 1.0)) * (inside.x * inside.y);
        background = image.rgb + background * (1.0 - image.a);
    }

    finalColor = vec4(mix(background, camera, person), 1.0);
}
